/** ja resources of the 'fields' namespace. Keys are stable; see src/locales/index.ts. */
const fields = {} as const;
export default fields;
