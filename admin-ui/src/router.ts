/**
 * Routes under /admin/ (the server answers index.html for each of them).
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/import' },
  { path: '/import', name: 'import', component: () => import('./pages/ImportWizardPage.vue'), meta: { title: 'Import certificates' } },
  { path: '/reprice', name: 'reprice', component: () => import('./pages/RepricePage.vue'), meta: { title: 'Re-price products' } },
  { path: '/orders', name: 'orders', component: () => import('./pages/OrdersPage.vue'), meta: { title: 'Orders' } },
  { path: '/orders/:id(\\d+)', name: 'order', component: () => import('./pages/OrderDetailPage.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: 'Order' } },
  { path: '/suppliers', name: 'suppliers', component: () => import('./pages/SuppliersPage.vue'), meta: { title: 'Suppliers' } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: 'Not found' } },
];

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });
  router.afterEach((to) => {
    document.title = `${String(to.meta.title ?? 'certbridge')} · certbridge`;
  });
  return router;
}
