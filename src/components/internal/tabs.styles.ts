import { css } from 'lit';

/** The tab strip shared by the patient list (感染区分 tabs) and the patient record (its nine tabs). */
export const tabStyles = css`
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: 2px;
    border-block-end: 2px solid var(--_primary);
  }
  [role='tab'] {
    min-block-size: var(--_control-h);
    padding: 0 calc(var(--_gap) * 1.5);
    border: 1px solid var(--_line);
    border-block-end: 0;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: var(--_bg-alt);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 700;
  }
`;
