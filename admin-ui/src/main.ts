/**
 * Entry point: take the sign-in token out of the URL first, then start Vue.
 */
import { createApp } from 'vue';
import App from './App.vue';
import { createAppRouter } from './router';
import { captureLaunch } from './composables/useLaunch';
import './styles.css';

const launch = captureLaunch();
createApp(App, { launch }).use(createAppRouter()).mount('#app');
