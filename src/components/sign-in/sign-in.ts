import { defineElement } from '../internal/define.js';
import { HersysSignIn } from './sign-in.component.js';

export { HersysSignIn };
export type { SignInScreen } from './sign-in.component.js';
export * from './sign-in-api.js';
export type {
  HersysReauthenticatedDetail,
  HersysSignedInDetail,
  HersysSignInScreenDetail,
} from './sign-in-events.js';
defineElement('hersys-sign-in', HersysSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'hersys-sign-in': HersysSignIn;
  }
}
