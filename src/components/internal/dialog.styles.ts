import { css } from 'lit';

/**
 * The SDK's modal `<dialog>` (box, backdrop, title bar, body, action row) and its buttons (outlined,
 * `.primary` filled). Shared by the dialog base (./dialog-base.ts) and the report flow (its 完了 dialog and
 * its screens' buttons), so they look alike and the CSS ships once. The dialog's selectors stay inside
 * `dialog`, as the flow's page has its own `.actions` and headings.
 */
export const dialogStyles = css`
  dialog {
    box-sizing: border-box;
    max-inline-size: min(46rem, calc(100vw - 2rem));
    max-block-size: calc(100vh - 2rem);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.25);
  }
  dialog::backdrop {
    background: var(--hersys-dialog-backdrop, rgb(20 24 28 / 0.55));
  }
  dialog .header {
    margin: 0;
    padding: calc(var(--_gap) * 1.5) calc(var(--_gap) * 2.5);
    background: var(--hersys-dialog-header-background, var(--_primary));
    color: var(--hersys-dialog-header-color, var(--_on-primary));
    font-size: 1.0625rem;
    font-weight: 700;
  }
  dialog .body {
    padding: calc(var(--_gap) * 2) calc(var(--_gap) * 2.5);
  }
  dialog .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: calc(var(--_gap) * 1.5);
    padding: calc(var(--_gap) * 1.5) calc(var(--_gap) * 2.5) calc(var(--_gap) * 2);
  }
  button {
    min-inline-size: 8rem;
    min-block-size: var(--_control-h);
    padding: 0 calc(var(--_gap) * 2);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
