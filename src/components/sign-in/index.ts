/** The sign-in pages, side-effect free (register the tag with `./sign-in.js` or `hersys-sdk/define`). */
export { HersysSignIn, type SignInScreen } from './sign-in.component.js';
export * from './sign-in-api.js';
export type {
  HersysReauthenticatedDetail,
  HersysSignedInDetail,
  HersysSignInScreenDetail,
} from './sign-in-events.js';
