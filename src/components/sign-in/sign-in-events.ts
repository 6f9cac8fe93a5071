/**
 * Events of `<hersys-sign-in>` and the type of their `detail`. Like every SDK event they bubble and are
 * composed. They extend {@link HersysEventMap} (declaration merging), so `emit()` and `addEventListener` know them.
 */
import type { SignedInUser } from './sign-in-api.js';
import type { SignInScreen } from './sign-in.component.js';

/** `hersys-signed-in`: the sign-in finished (after the optional security-key registration). */
export interface HersysSignedInDetail {
  user: SignedInUser;
}

/** `hersys-sign-in-screen`: the sign-in moved to another screen. */
export interface HersysSignInScreenDetail {
  screen: SignInScreen;
}

/** `hersys-reauthenticated`: (`mode="reauth"`) password and second factor confirmed again. */
export type HersysReauthenticatedDetail = Record<string, never>;

declare module '../events.js' {
  interface HersysEventMap {
    'hersys-reauthenticated': HersysReauthenticatedDetail;
    'hersys-signed-in': HersysSignedInDetail;
    'hersys-sign-in-screen': HersysSignInScreenDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hersys-reauthenticated': CustomEvent<HersysReauthenticatedDetail>;
    'hersys-signed-in': CustomEvent<HersysSignedInDetail>;
    'hersys-sign-in-screen': CustomEvent<HersysSignInScreenDetail>;
  }
}

export {};
