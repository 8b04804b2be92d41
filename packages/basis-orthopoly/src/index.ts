export { legendre, jacobi, type LegendreOptions, type JacobiOptions } from './orthopoly.js';
export { jacobiCoefficients, jacobiOfTanh } from './recurrence.js';
export { jacobiSnippets } from './snippets.js';
