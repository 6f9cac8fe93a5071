import { css } from 'lit';

/** Styles of `<hersys-patient-list>`. */
export const patientListStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  h2 {
    margin: 0 0 var(--_gap);
    font-size: 1.25rem;
  }
  form {
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: var(--_gap) calc(var(--_gap) * 1.5);
    margin-block-end: var(--_gap);
  }
  fieldset {
    border: 0;
    border-block-start: 1px solid var(--_line);
    margin: 0;
    padding: var(--_gap) 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap) calc(var(--_gap) * 2);
    align-items: flex-end;
  }
  legend {
    font-weight: 700;
    padding: 0;
  }
  .field {
    display: grid;
    gap: 2px;
    font-size: 0.875rem;
  }
  .range {
    display: flex;
    gap: 4px;
    align-items: flex-end;
  }
  input,
  select {
    min-block-size: var(--_control-h);
    padding: 0 6px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
    background: var(--_bg);
    color: var(--_text);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    background: var(--_danger-bg);
  }
  button {
    min-block-size: var(--_control-h);
    padding: 0 calc(var(--_gap) * 1.5);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_primary);
    font: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  a:focus-visible,
  [role='tab']:focus-visible,
  .scroller:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  button[disabled] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap) calc(var(--_gap) * 2);
    align-items: flex-end;
    justify-content: flex-end;
    padding-block-start: var(--_gap);
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
    margin: 0;
  }
  .hc-results {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chip {
    display: inline-flex;
    gap: 4px;
    align-items: center;
    border: 1px solid var(--_primary);
    border-radius: 999px;
    padding: 0 4px 0 10px;
  }
  .chip button {
    min-block-size: 1.75rem;
    border: 0;
    padding: 0 6px;
  }
  .scroller {
    overflow: auto;
  }
  .scroller.virtual {
    max-block-size: var(--hersys-list-max-height, 70vh);
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  caption {
    text-align: start;
    padding: 4px 0;
    font-weight: 700;
  }
  th,
  td {
    border-block-end: 1px solid var(--_line);
    padding: 0 8px;
    block-size: 2.25rem;
    text-align: start;
    white-space: nowrap;
  }
  thead th {
    position: sticky;
    inset-block-start: 0;
    background: var(--_bg-alt);
    z-index: 1;
  }
  th button.sort {
    border: 0;
    padding: 0;
    background: none;
    color: inherit;
    font-weight: 700;
  }
  .spacer td {
    padding: 0;
    border: 0;
  }
  a.name,
  button.name {
    color: var(--_primary);
    text-decoration: underline;
    background: none;
    border: 0;
    padding: 0;
    min-block-size: 0;
    font: inherit;
    cursor: pointer;
  }
  nav.pages {
    display: flex;
    gap: var(--_gap);
    align-items: center;
    justify-content: center;
    margin-block-start: var(--_gap);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
