import { css } from 'lit';

/**
 * The SDK's design tokens (`--hersys-*`). Every component reads these, so a host themes all of them by
 * setting the properties on any ancestor (or `:root`). The defaults meet WCAG 2.2 AA contrast.
 */
export const tokens = css`
  :host {
    --_font: var(
      --hersys-font-family,
      system-ui,
      'Hiragino Sans',
      'Noto Sans JP',
      'Yu Gothic',
      Meiryo,
      sans-serif
    );
    --_size: var(--hersys-font-size, 0.9375rem);
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
    --_warn: var(--hersys-color-warning, #7a5b00);
    --_recommended: var(--hersys-color-recommended, #e6b800);
    --_recommended-bg: var(--hersys-color-recommended-surface, #fffbe6);
    --_required-bg: var(--hersys-color-required, #c62828);
    --_focus: var(--hersys-color-focus, #1a73e8);
    --_radius: var(--hersys-radius, 4px);
    --_gap: var(--hersys-spacing, 0.5rem);
    --_control-h: var(--hersys-control-height, 2.25rem);
    font-family: var(--_font);
    font-size: var(--_size);
    color: var(--_text);
  }
`;
