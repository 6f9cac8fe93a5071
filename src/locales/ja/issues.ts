/** ja resources of the 'issues' namespace. Keys are stable; see src/locales/index.ts. */
const issues = {} as const;
export default issues;
