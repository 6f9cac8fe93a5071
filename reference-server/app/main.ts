/**
 * The standalone clinic app: the SDK's components (registered by `hersys-sdk/define`, loaded with the
 * screens that use them) inside a small shell with the manual's home screen, menu, 登録情報一覧 and report view, talking to this server's API.
 * Built by scripts/build-app.ts, served by reference-server/src/web/serve-app.ts.
 */
import './app.css';
import './shell.js';
