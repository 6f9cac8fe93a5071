/** en resources of the 'ui' namespace. Keys are stable; see src/locales/index.ts. */
const ui = {} as const;
export default ui;
