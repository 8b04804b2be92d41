// Vite's client types: `import.meta.env` and `?url` imports.
/// <reference types="vite/client" />
