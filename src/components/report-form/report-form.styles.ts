import { css } from 'lit';
import { tokens } from '../internal/tokens.styles.js';

/** Shared control styles and the standard (HER-SYS ver.2 screen) layout. */
export const reportFormStyles = [
  tokens,
  css`
    :host {
      display: block;
      background: var(--_bg);
      line-height: 1.5;
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      padding: 0;
      margin: -1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }
    .form {
      max-width: 72rem;
      margin: 0 auto;
      padding: calc(var(--_gap) * 2);
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap) calc(var(--_gap) * 2);
      margin-bottom: var(--_gap);
    }
    .title {
      font-size: 1.25rem;
      margin: 0;
    }
    .lead {
      flex-basis: 100%;
      margin: 0;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    fieldset.root {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    .legend-note {
      display: flex;
      align-items: center;
      gap: var(--_gap);
      font-size: 0.8125rem;
      color: var(--_muted);
      margin: 0 0 var(--_gap);
    }
    .swatch {
      display: inline-block;
      width: 1.5rem;
      height: 0.9rem;
      border: 2px solid var(--_recommended);
      background: var(--_recommended-bg);
      border-radius: 2px;
    }
    /* ---------- controls */
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
      min-width: 0;
      margin: 0;
    }
    .field.check {
      flex-direction: row;
      align-items: center;
      gap: 0.375rem;
      align-self: flex-start;
      min-height: var(--_control-h);
    }
    .row > .field.check {
      align-self: flex-end;
    }
    .label,
    legend.label {
      font-size: 0.8125rem;
      font-weight: 600;
      color: var(--_text);
      padding: 0;
    }
    .req {
      display: inline-block;
      margin-inline-start: 0.375rem;
      padding: 0 0.375rem;
      border-radius: 2px;
      background: var(--_required-bg);
      color: #fff;
      font-size: 0.6875rem;
      font-weight: 700;
      line-height: 1.5;
      vertical-align: 0.0625rem;
    }
    input[type='text'],
    input[type='tel'],
    select,
    textarea {
      font: inherit;
      color: inherit;
      min-height: var(--_control-h);
      padding: 0.25rem 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      max-width: 100%;
    }
    textarea {
      width: 100%;
      resize: vertical;
    }
    select {
      padding-inline-end: 1.5rem;
    }
    input[type='checkbox'],
    input[type='radio'] {
      width: 1.125rem;
      height: 1.125rem;
      margin: 0;
      accent-color: var(--_primary);
    }
    :focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    input:focus-visible,
    select:focus-visible,
    textarea:focus-visible {
      outline-offset: 0;
    }
    .recommended > input,
    .recommended > select,
    .recommended > textarea,
    .recommended .date-row > input,
    .recommended .with-unit > input,
    fieldset.recommended {
      border: 2px solid var(--_recommended);
      background: var(--_recommended-bg);
    }
    fieldset.recommended {
      border-radius: var(--_radius);
    }
    .invalid > input,
    .invalid > select,
    .invalid > textarea,
    .invalid .date-row > input,
    .invalid .with-unit > input,
    fieldset.invalid {
      border: 2px solid var(--_danger);
      background: var(--_danger-bg);
    }
    .msgs:empty {
      display: none;
    }
    .msg {
      margin: 0;
      font-size: 0.8125rem;
    }
    .msg.error {
      color: var(--_danger);
    }
    .msg.error::before {
      content: '⚠ ';
    }
    .msg.warning {
      color: var(--_warn);
    }
    .msg.warning::before {
      content: '! ';
      font-weight: 700;
    }
    .hint,
    .note {
      margin: 0;
      font-size: 0.8125rem;
      color: var(--_muted);
    }
    .ok {
      margin: 0;
      align-self: center;
      color: #116329;
      font-size: 0.8125rem;
      font-weight: 600;
    }
    fieldset.choices {
      border: 1px solid transparent;
      padding: 0.125rem 0.25rem;
    }
    fieldset.choices > legend {
      float: left;
      width: 100%;
      margin-bottom: 0.125rem;
    }
    fieldset.choices > legend.sr-only {
      float: none;
      width: 1px;
    }
    .options {
      clear: both;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
    }
    .choice {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      min-height: 1.75rem;
      cursor: pointer;
    }
    .risk-items .options {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
    }
    .with-unit,
    .date-row {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      position: relative;
    }
    .unit {
      color: var(--_muted);
    }
    .picker-btn {
      display: inline-grid;
      place-items: center;
      width: var(--_control-h);
      height: var(--_control-h);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg-alt);
      color: var(--_primary);
      cursor: pointer;
    }
    .native-picker {
      position: absolute;
      right: 0;
      bottom: 0;
      width: 1px;
      height: 1px;
      opacity: 0;
      pointer-events: none;
      border: 0;
      padding: 0;
    }
    .shown {
      color: var(--_text);
    }
    output {
      display: inline-block;
      min-height: var(--_control-h);
      padding: 0.375rem 0;
      font-weight: 600;
    }
    /* ---------- listboxes (combobox, postal choices) */
    .combo,
    .postal {
      position: relative;
    }
    .listbox {
      list-style: none;
      margin: 0.125rem 0 0;
      padding: 0.25rem 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
      max-height: 16rem;
      overflow: auto;
      min-width: 16rem;
      z-index: 10;
    }
    .combo .listbox {
      position: absolute;
      top: 100%;
      left: 0;
      display: none;
    }
    .combo .listbox.open {
      display: block;
    }
    .postal {
      max-width: 16rem;
    }
    .anchor {
      position: relative;
      display: inline-block;
    }
    .recommended .anchor > input {
      border: 2px solid var(--_recommended);
      background: var(--_recommended-bg);
    }
    .invalid .anchor > input {
      border: 2px solid var(--_danger);
      background: var(--_danger-bg);
    }
    .postal .listbox {
      position: absolute;
      top: 100%;
      left: 0;
      min-width: 22rem;
    }
    .listbox li {
      padding: 0.375rem 0.75rem;
      cursor: pointer;
      display: flex;
      flex-direction: column;
    }
    .listbox li.active,
    .listbox li:hover {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    .listbox li.status {
      color: var(--_muted);
      cursor: default;
    }
    .opt-detail {
      font-size: 0.75rem;
      opacity: 0.85;
    }
    /* ---------- buttons */
    button {
      font: inherit;
      cursor: pointer;
    }
    button.primary,
    button.secondary {
      min-height: var(--_control-h);
      padding: 0.25rem 1rem;
      border-radius: var(--_radius);
      border: 1px solid var(--_primary);
    }
    button.primary {
      background: var(--_primary);
      color: var(--_on-primary);
      font-weight: 600;
    }
    button.secondary {
      background: var(--_bg);
      color: var(--_primary);
    }
    button:disabled,
    fieldset:disabled button {
      opacity: 0.5;
      cursor: not-allowed;
    }
    .switch {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      margin-inline-start: auto;
      padding: 0.25rem 0.5rem;
      border: 0;
      background: transparent;
      color: inherit;
      font-weight: 600;
    }
    .track {
      position: relative;
      width: 2.5rem;
      height: 1.375rem;
      border-radius: 1rem;
      background: var(--_border);
      transition: background 0.15s;
    }
    .thumb {
      position: absolute;
      top: 0.1875rem;
      left: 0.1875rem;
      width: 1rem;
      height: 1rem;
      border-radius: 50%;
      background: #fff;
      transition: transform 0.15s;
    }
    .switch[aria-checked='true'] .track {
      background: var(--_primary);
    }
    .switch[aria-checked='true'] .thumb {
      transform: translateX(1.125rem);
    }
    .banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
      margin: 0 0 var(--_gap);
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_recommended);
      background: var(--_recommended-bg);
      border-radius: var(--_radius);
    }
    .banner p {
      margin: 0;
      flex: 1 1 16rem;
      font-weight: 600;
    }
    .actions {
      position: sticky;
      bottom: 0;
      display: flex;
      align-items: center;
      justify-content: center;
      flex-wrap: wrap;
      gap: var(--_gap);
      padding: 0.75rem;
      margin-top: calc(var(--_gap) * 2);
      background: color-mix(in srgb, var(--_bg) 92%, transparent);
      border-top: 1px solid var(--_line);
    }
    .actions .live {
      flex-basis: 100%;
      text-align: center;
      margin: 0;
      font-weight: 600;
    }
    .actions .live:empty {
      display: none;
    }
    .draft-status {
      margin: 0;
      font-size: 0.8125rem;
      color: var(--_muted);
    }
    .draft-status.failed {
      color: var(--_danger);
      font-weight: 600;
    }
    .error-count {
      margin: 0;
      color: var(--_danger);
      font-weight: 600;
    }
    .submit {
      min-width: 10rem;
      font-size: 1.0625rem;
    }
    /* ---------- standard layout */
    .layout-standard .section {
      margin: 0 0 0.75rem;
      border: 1px solid var(--_line);
      border-radius: var(--_radius);
    }
    .layout-standard .section-title {
      margin: 0;
      padding: 0.375rem 0.75rem;
      font-size: 0.9375rem;
      background: var(--_bg-alt);
      border-bottom: 1px solid var(--_line);
    }
    .layout-standard .section-body {
      padding: 0.5rem 0.75rem 0.75rem;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .row,
    .address,
    .dates {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.5rem 1rem;
    }
    .group-label {
      flex-basis: 100%;
    }
    .grid-4 {
      display: grid;
      grid-template-columns: minmax(0, 2.2fr) minmax(0, 0.9fr) minmax(0, 1.4fr) minmax(0, 1fr);
      gap: 0 0.75rem;
    }
    .grid-2 {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 0 0.75rem;
    }
    .span-all {
      grid-column: 1 / -1;
      margin-top: -0.5rem;
      margin-bottom: 0.75rem;
    }
    .sub {
      margin: 0.5rem 0 0;
      font-size: 0.875rem;
      border-bottom: 1px dashed var(--_line);
    }
    .methods {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      align-items: flex-start;
    }
    .method-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: flex-start;
      border: 1px solid var(--_line);
      border-radius: var(--_radius);
      padding: 0.5rem;
      margin: 0;
      width: 100%;
    }
    .method-row select {
      max-width: 28rem;
    }
    .method-row > button {
      align-self: flex-end;
    }
    @media (max-width: 48rem) {
      .grid-4,
      .grid-2 {
        grid-template-columns: 1fr;
      }
    }
  `,
];
