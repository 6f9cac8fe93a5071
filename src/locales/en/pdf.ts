/** en resources of the 'pdf' namespace. Keys are stable; see src/locales/index.ts. */
const pdf = {} as const;
export default pdf;
