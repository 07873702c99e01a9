import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createLedgerRouter } from './router';
import './styles.css';

createApp(App).use(createPinia()).use(createLedgerRouter()).use(ElementPlus, { locale: zhCn }).mount('#app');
