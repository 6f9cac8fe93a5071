import { css } from 'lit';

/** Styles of `<hersys-id-form>` (the person fields bring their own, see person-editor.ts). */
export const idFormStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  :host([hidden]) {
    display: none;
  }
  h2 {
    margin: 0 0 var(--_gap);
    font-size: 1.25rem;
  }
  h3 {
    margin: 0 0 var(--_gap);
    font-size: 1.0625rem;
  }
  .lead {
    margin: 0 0 calc(var(--_gap) * 1.5);
  }
  .summary {
    border: 2px solid var(--_danger);
    background: var(--_danger-bg);
    padding: var(--_gap);
    border-radius: var(--_radius);
    margin-block-end: var(--_gap);
  }
  .summary ul {
    margin: 4px 0 0;
  }
  .summary a {
    color: var(--_danger);
  }
  hersys-duplicate-check {
    margin-block: calc(var(--_gap) * 1.5);
  }
  .actions {
    display: flex;
    justify-content: center;
    gap: calc(var(--_gap) * 2);
    margin-block-start: calc(var(--_gap) * 2);
  }
  .actions button,
  dialog button {
    min-inline-size: 8rem;
    min-block-size: var(--_control-h);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    background: var(--_bg);
    color: var(--_primary);
  }
  .actions button.primary,
  dialog button {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  dl.review {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: 4px calc(var(--_gap) * 2);
    margin: 0;
  }
  dl.review dt {
    font-weight: 700;
    color: var(--_muted);
  }
  dl.review dd {
    margin: 0;
    white-space: pre-wrap;
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    padding: calc(var(--_gap) * 3);
    text-align: center;
    max-inline-size: min(30rem, calc(100vw - 2rem));
  }
  dialog::backdrop {
    background: rgb(20 24 28 / 0.55);
  }
  .her-sys-id {
    font-size: 1.5rem;
    font-weight: 700;
    letter-spacing: 0.1em;
  }
`;
