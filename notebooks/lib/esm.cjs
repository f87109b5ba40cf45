// tslab compiles notebook cells to CommonJS, where import() of an ESM-only package with
// top-level await (vega 6) fails; a real .cjs file keeps Node's own dynamic import.
module.exports = (specifier) => import(specifier);
