export { bspline, type BSplineOptions } from './bspline.js';
export { coxDeBoor } from './cox-de-boor.js';
export { knotCount, uniformKnots, adaptiveKnots, refinedKnots } from './knots.js';
export { bsplineSnippets } from './snippets.js';
