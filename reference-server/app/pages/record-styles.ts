import { css } from 'lit';

/** The record header line and the tab look shared by the patient and report screens. */
export const recordStyles = css`
  .patient-header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: 6px;
    padding: 0.6rem 1rem;
    margin: 0 0 1rem;
  }
  .patient-header div {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
  }
  .patient-header dt {
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .patient-header dd {
    margin: 0;
    font-weight: 600;
  }
`;
