/** Cross-origin isolation headers: they make SharedArrayBuffer available to the workbench. */
export const crossOriginHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
