/**
 * hersys-sdk/define: registers every tag of the SDK (guarded: defining twice never throws). To load only
 * a feature's tags, import `hersys-sdk/define/report`, `hersys-sdk/define/patient` or
 * `hersys-sdk/define/sign-in` instead.
 *
 * ```ts
 * import 'hersys-sdk/define';
 * ```
 */
import './define/report.js';
import './define/patient.js';
import './define/sign-in.js';
