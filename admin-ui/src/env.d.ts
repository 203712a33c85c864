/// <reference types="vite/client" />

// tsc cannot read single-file components; their logic lives in .ts composables it does check.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
