/** esbuild bundles the app's CSS imports into the entry stylesheet. */
declare module '*.css';
