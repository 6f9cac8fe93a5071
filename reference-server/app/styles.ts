import { css } from 'lit';

/** Styles shared by the app's screens (they use the SDK's `--hersys-*` tokens, so one theme fits both). */
export const pageStyles = css`
  :host {
    display: block;
    --_text: var(--hersys-color-text, #1f2328);
    --_muted: var(--hersys-color-text-muted, #57606a);
    --_bg: var(--hersys-color-surface, #ffffff);
    --_bg-alt: var(--hersys-color-surface-alt, #f3f6f9);
    --_border: var(--hersys-color-border, #8c959f);
    --_line: var(--hersys-color-line, #d0d7de);
    --_primary: var(--hersys-color-primary, #0b5cad);
    --_on-primary: var(--hersys-color-on-primary, #ffffff);
    --_danger: var(--hersys-color-danger, #b3261e);
    --_danger-bg: var(--hersys-color-danger-surface, #fdecea);
    --_ok-bg: #e8f5e9;
    --_ok: #1b5e20;
    --_focus: var(--hersys-color-focus, #1a73e8);
    --_radius: var(--hersys-radius, 4px);
    color: var(--_text);
  }
  h1 {
    font-size: 1.375rem;
    margin: 0 0 1rem;
  }
  h2 {
    font-size: 1.125rem;
    margin: 1.5rem 0 0.75rem;
  }
  a {
    color: var(--_primary);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button,
  .button {
    font: inherit;
    min-height: 2.25rem;
    padding: 0.25rem 0.9rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    box-sizing: border-box;
    line-height: 1.2;
  }
  button:hover,
  .button:hover {
    background: var(--_bg-alt);
  }
  button.primary,
  .button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  button.primary:hover {
    filter: brightness(1.1);
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #fff;
  }
  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  input,
  select {
    font: inherit;
    min-height: 2.25rem;
    padding: 0 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    box-sizing: border-box;
  }
  label {
    font-size: 0.875rem;
  }
  .alert {
    border: 1px solid var(--_danger);
    background: var(--_danger-bg);
    color: var(--_danger);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
  }
  .alert p {
    margin: 0.25rem 0;
  }
  .notice {
    border: 1px solid #7bb27f;
    background: var(--_ok-bg);
    color: var(--_ok);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
  }
  .muted {
    color: var(--_muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .card {
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: 6px;
    padding: 1rem 1.25rem;
  }
`;
