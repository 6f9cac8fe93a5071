/**
 * hersys-sdk/define/sign-in: registers `<hersys-sign-in>` (guarded: defining twice never throws).
 *
 * ```ts
 * import 'hersys-sdk/define/sign-in';
 * ```
 */
import { defineElement } from '../components/internal/define.js';
import { HersysSignIn } from '../components/sign-in/sign-in.component.js';

defineElement('hersys-sign-in', HersysSignIn);
