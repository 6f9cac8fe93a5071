import type { StorybookConfig } from '@storybook/web-components-vite';

// Written by hand (never `storybook init`: it installs packages and downloads browsers). The components
// use LEGACY decorators; Vite 8's Oxc reads experimentalDecorators/useDefineForClassFields from
// tsconfig.json, so no esbuild shim is needed. Telemetry is off so builds make no network calls.
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: [],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};
export default config;
