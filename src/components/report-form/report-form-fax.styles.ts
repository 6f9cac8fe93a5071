/**
 * The FAX layout: the paper form 別記様式6-1 as a boxed grid (scoped to `.layout-fax`). Plain CSS text, not
 * lit's `css`, so the lazily loaded FAX module imports nothing the form's chunk has (see
 * ./report-form-fax.ts); the form adopts it with `unsafeCSS` (static, trusted CSS).
 */
export const reportFormFaxCss = /* css */ `
  .layout-fax .sheet {
    border: 2px solid var(--_text);
    padding: 0.75rem;
    background: var(--_bg);
  }
  .layout-fax .title {
    font-size: 1.125rem;
    letter-spacing: 0.1em;
  }
  .layout-fax .addressee {
    margin: 0;
    font-weight: 600;
  }
  .layout-fax .preamble {
    margin: 0.25rem 0 0.75rem;
    font-size: 0.8125rem;
  }
  .layout-fax .fax-grid {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    border-top: 1px solid var(--_text);
    border-left: 1px solid var(--_text);
  }
  .layout-fax .header-grid {
    margin-bottom: 0.75rem;
  }
  .layout-fax .cell {
    border-right: 1px solid var(--_text);
    border-bottom: 1px solid var(--_text);
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .layout-fax .span-2 {
    grid-column: span 2;
  }
  .layout-fax .span-3 {
    grid-column: span 3;
  }
  .layout-fax .span-4 {
    grid-column: span 4;
  }
  .layout-fax .cell-head {
    margin: 0;
    padding: 0.125rem 0.375rem;
    font-size: 0.8125rem;
    font-weight: 700;
    background: var(--_bg-alt);
    border-bottom: 1px solid var(--_line);
  }
  .layout-fax .cell-body {
    padding: 0.375rem;
    display: flex;
    flex-direction: column;
    gap: 0.375rem;
  }
  .layout-fax .extra .cell-head {
    background: var(--_recommended-bg);
  }
  .layout-fax fieldset.choices {
    padding: 0;
  }
  .layout-fax .options {
    gap: 0.125rem 0.75rem;
  }
  .layout-fax .choice {
    min-height: 1.5rem;
  }
  .layout-fax .doses {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .layout-fax .dose-row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_line);
  }
  .layout-fax .dose-row > legend {
    padding: 0 0.25rem;
  }
  .layout-fax .na {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .layout-fax .footnote {
    margin: 0.5rem 0 0;
    font-size: 0.75rem;
    color: var(--_muted);
  }
  @media (max-width: 48rem) {
    .layout-fax .fax-grid {
      grid-template-columns: 1fr;
    }
    .layout-fax .span-2,
    .layout-fax .span-3,
    .layout-fax .span-4 {
      grid-column: auto;
    }
  }
`;
