import { css } from 'lit';

/** Styles of `<hersys-patient-record>`. */
export const patientRecordStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .header {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: 0;
    margin: 0 0 var(--_gap);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  .header div {
    padding: 4px var(--_gap);
    border-inline-end: 1px solid var(--_line);
  }
  .header dt {
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .header dd {
    margin: 0;
    font-weight: 700;
  }
  .header .id dd {
    font-size: 1.125rem;
    letter-spacing: 0.05em;
  }
  [role='tab'] .dirty {
    margin-inline-start: 4px;
  }
  [role='tabpanel'] {
    padding: calc(var(--_gap) * 1.5) 0;
  }
  [role='tabpanel']:focus-visible,
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  [role='tab']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  h3 {
    font-size: 1.0625rem;
    margin: 0 0 var(--_gap);
  }
  table.rows {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block-end: var(--_gap);
  }
  table.rows caption {
    text-align: start;
    font-weight: 700;
    padding-block: 4px;
  }
  table.rows th,
  table.rows td {
    border: 1px solid var(--_line);
    padding: 2px 4px;
    text-align: start;
    vertical-align: top;
  }
  table.rows th {
    background: var(--_bg-alt);
    font-size: 0.875rem;
  }
  td input,
  td select,
  td textarea {
    inline-size: 100%;
    box-sizing: border-box;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    min-block-size: var(--_control-h);
    padding: 0 4px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
    background: var(--_bg);
    color: var(--_text);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
    background: var(--_danger-bg) !important;
  }
  .cell-error,
  .error {
    margin: 2px 0 0;
    color: var(--_danger);
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .warning {
    color: var(--_warn);
    font-size: 0.8125rem;
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
  button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: center;
    margin-block: var(--_gap);
  }
  .status {
    margin: 0;
    font-size: 0.875rem;
  }
  .form-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: var(--_gap) calc(var(--_gap) * 2);
  }
  .form-grid .field,
  .field {
    display: grid;
    gap: 2px;
  }
  .checks {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }
  .conflict {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_gap);
    margin-block-end: var(--_gap);
    background: var(--_bg);
  }
  .conflict table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  .conflict th,
  .conflict td {
    border: 1px solid var(--_line);
    padding: 4px;
    text-align: start;
    vertical-align: top;
  }
  .conflict .both {
    color: var(--_danger);
    font-size: 0.75rem;
    font-weight: 700;
  }
  .conflict fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    gap: 8px;
  }
  .menu {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: center;
    padding: var(--_gap);
    background: var(--_bg-alt);
    border-radius: var(--_radius);
    margin-block: var(--_gap);
  }
  .report-lines p {
    margin: 0;
  }
  dl.summary {
    display: grid;
    grid-template-columns: minmax(10rem, max-content) 1fr;
    gap: 2px calc(var(--_gap) * 2);
    margin: 0 0 var(--_gap);
  }
  dl.summary dt {
    color: var(--_muted);
  }
  dl.summary dd {
    margin: 0;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    padding: calc(var(--_gap) * 2);
  }
  dialog::backdrop {
    background: rgb(20 24 28 / 0.55);
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
