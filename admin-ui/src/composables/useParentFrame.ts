/**
 * Talks to the WHMCS addon page that embeds the app: tells it the app's height (so the
 * iframe grows with the content instead of scrolling inside WHMCS) and asks it to reload for
 * a fresh sign-in. Messages go to the WHMCS origin from the launch fragment only.
 */
import { onBeforeUnmount, onMounted } from 'vue';

export function postToParent(parentOrigin: string | null, message: Record<string, unknown>): boolean {
  if (!parentOrigin || window.parent === window) return false;
  window.parent.postMessage(message, parentOrigin);
  return true;
}

export function useParentFrame(parentOrigin: string | null) {
  let observer: ResizeObserver | undefined;
  let last = 0;

  onMounted(() => {
    postToParent(parentOrigin, { type: 'certbridge:ready' });
    if (!parentOrigin || typeof ResizeObserver === 'undefined') return;
    observer = new ResizeObserver(() => {
      // The body, not the document: the document never gets shorter than the iframe itself.
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        postToParent(parentOrigin, { type: 'certbridge:height', height });
      }
    });
    observer.observe(document.body);
  });
  onBeforeUnmount(() => observer?.disconnect());

  return {
    embedded: Boolean(parentOrigin) && window.parent !== window,
    requestSignIn: () => postToParent(parentOrigin, { type: 'certbridge:signin' }),
  };
}
