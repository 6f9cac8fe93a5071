import { css } from 'lit';

/**
 * Styles of `<hersys-sign-in>`: one centred card (like the manual's screens), large targets, visible focus.
 * Component tokens: `--hersys-sign-in-width` (default 28rem).
 */
export const styles = css`
  :host {
    display: block;
  }
  [hidden] {
    display: none !important;
  }
  .card {
    box-sizing: border-box;
    max-width: var(--hersys-sign-in-width, 28rem);
    margin: 0 auto;
    padding: calc(var(--_gap) * 4);
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) * 2);
    box-shadow: 0 2px 6px rgb(0 0 0 / 8%);
  }
  .brand {
    display: flex;
    flex-direction: column;
    margin-bottom: calc(var(--_gap) * 2);
  }
  .product {
    font-weight: 700;
    font-size: 1.25rem;
    color: var(--_primary);
  }
  .product-long {
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  h2 {
    font-size: 1.375rem;
    margin: var(--_gap) 0;
  }
  h2:focus {
    outline: none;
  }
  h3 {
    font-size: 1rem;
    margin: 0 0 calc(var(--_gap) / 2);
  }
  p {
    margin: var(--_gap) 0;
    line-height: 1.6;
  }
  .field {
    margin: calc(var(--_gap) * 2) 0;
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: calc(var(--_gap) / 2);
  }
  .hint {
    margin: 0 0 calc(var(--_gap) / 2);
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  input[type='text'],
  input[type='password'],
  input[type='tel'],
  select {
    box-sizing: border-box;
    width: 100%;
    min-height: var(--_control-h);
    padding: 0 var(--_gap);
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  fieldset {
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    margin: calc(var(--_gap) * 2) 0;
    padding: var(--_gap) calc(var(--_gap) * 2);
  }
  legend {
    font-weight: 600;
    padding: 0 calc(var(--_gap) / 2);
  }
  label.choice {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    font-weight: 400;
    min-height: 2.5rem;
    cursor: pointer;
  }
  label.choice input {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
  }
  .field-error,
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error:empty,
  .notice:empty {
    display: none;
  }
  .messages .error:not(:empty) {
    background: var(--_danger-bg);
    padding: var(--_gap);
    border-radius: var(--_radius);
  }
  .success {
    color: #1a6b2f;
    font-weight: 600;
  }
  .help {
    background: var(--_bg-alt);
    border-radius: var(--_radius);
    padding: var(--_gap) calc(var(--_gap) * 1.5);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_gap);
    margin-top: calc(var(--_gap) * 3);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button.primary,
  button.secondary {
    min-height: var(--_control-h);
    min-width: 6rem;
    padding: 0 calc(var(--_gap) * 2);
    border-radius: var(--_radius);
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
    border: 1px solid var(--_primary);
    font-weight: 600;
  }
  button.secondary {
    background: var(--_bg);
    color: var(--_primary);
    border: 1px solid var(--_border);
  }
  button[disabled] {
    opacity: 0.7;
    cursor: progress;
  }
  button.link {
    background: none;
    border: none;
    padding: 0;
    color: var(--_primary);
    text-decoration: underline;
    text-align: start;
  }
  button.identity {
    text-decoration: none;
    color: var(--_text);
  }
`;
