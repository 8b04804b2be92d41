// A canvas to draw a digit on with a mouse, a pen or a finger (pointer events): white strokes on black.
import { drawingToMnist } from './mnist-image.js';

/** The drawing canvas; `onChange` runs at most once a frame while the drawing changes. */
export class DrawingPad {
  private readonly context: CanvasRenderingContext2D;
  private last: { x: number; y: number } | null = null;
  private frame = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onChange: () => void,
  ) {
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context === null) throw new Error('DrawingPad: this browser has no 2-D canvas.');
    this.context = context;
    this.clear();
    canvas.style.touchAction = 'none';
    canvas.addEventListener('pointerdown', (event) => {
      canvas.setPointerCapture(event.pointerId);
      this.last = this.point(event);
      this.stroke(this.last);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (this.last === null) return;
      for (const e of event.getCoalescedEvents?.() ?? [event]) this.stroke(this.point(e));
    });
    const end = () => {
      this.last = null;
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  /** Wipes the drawing (and tells `onChange`). */
  clear(): void {
    this.context.fillStyle = '#000';
    this.context.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.changed();
  }

  /** The drawing as a 28×28 MNIST image of 784 grey bytes, or null when it is blank. */
  toMnist(): Uint8Array | null {
    const { width, height } = this.canvas;
    const rgba = this.context.getImageData(0, 0, width, height).data;
    const grey = new Float32Array(width * height);
    for (let p = 0; p < grey.length; p++) grey[p] = rgba[p * 4]! / 255;
    return drawingToMnist(grey, width, height);
  }

  private point(event: PointerEvent): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) * this.canvas.width) / rect.width,
      y: ((event.clientY - rect.top) * this.canvas.height) / rect.height,
    };
  }

  private stroke(to: { x: number; y: number }): void {
    const from = this.last ?? to;
    const c = this.context;
    c.strokeStyle = '#fff';
    c.lineWidth = this.canvas.width / 12;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(from.x, from.y);
    c.lineTo(to.x + 0.01, to.y);
    c.stroke();
    this.last = to;
    this.changed();
  }

  private changed(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.onChange();
    });
  }
}
