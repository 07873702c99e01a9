import { createRouter, createWebHashHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title, shown in the window title. */
    title?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', component: () => import('./views/HomeView.vue'), meta: { title: '首页' } },
  { path: '/households', component: () => import('./views/HouseholdListView.vue'), meta: { title: '农户档案' } },
  { path: '/households/new', component: () => import('./views/HouseholdFormView.vue'), meta: { title: '新增农户' } },
  { path: '/households/import', component: () => import('./views/HouseholdImportView.vue'), meta: { title: '导入花名册' } },
  {
    path: '/households/:id(\\d+)',
    component: () => import('./views/HouseholdView.vue'),
    meta: { title: '农户档案' },
  },
  { path: '/assistance', redirect: '/assistance/cadres' },
  { path: '/assistance/cadres', component: () => import('./views/assistance/CadresView.vue'), meta: { title: '帮扶责任人' } },
  { path: '/assistance/cadres/:id(\\d+)', component: () => import('./views/assistance/CadreView.vue'), meta: { title: '帮扶责任人详情' } },
  { path: '/assistance/unpaired', component: () => import('./views/assistance/UnpairedView.vue'), meta: { title: '未结对农户' } },
  { path: '/assistance/visits-due', component: () => import('./views/assistance/VisitsDueView.vue'), meta: { title: '应走访农户' } },
  { path: '/assistance/cadence', component: () => import('./views/assistance/VisitCadenceView.vue'), meta: { title: '走访周期设置' } },
  { path: '/assistance/assessment', component: () => import('./views/assistance/CadreAssessmentView.vue'), meta: { title: '干部考核' } },
  { path: '/incentives', redirect: '/incentives/evaluation' },
  { path: '/incentives/evaluation', component: () => import('./views/incentives/EvaluationView.vue'), meta: { title: '积分评议' } },
  { path: '/incentives/points', component: () => import('./views/incentives/PointsView.vue'), meta: { title: '积分台账与排名' } },
  { path: '/incentives/shop', component: () => import('./views/incentives/ShopView.vue'), meta: { title: '爱心超市' } },
  { path: '/incentives/lists', component: () => import('./views/incentives/RedBlackView.vue'), meta: { title: '红黑榜' } },
  { path: '/cards', component: () => import('./views/CardsView.vue'), meta: { title: '联系卡' } },
  { path: '/reports', component: () => import('./views/ReportsView.vue'), meta: { title: '月报' } },
  { path: '/quality', component: () => import('./views/QualityView.vue'), meta: { title: '数据检查' } },
  { path: '/settings', component: () => import('./views/SettingsView.vue'), meta: { title: '设置' } },
  { path: '/audit', component: () => import('./views/AuditView.vue'), meta: { title: '操作日志' } },
  { path: '/exports', component: () => import('./views/ExportRegisterView.vue'), meta: { title: '导出登记' } },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

/** Hash history by default: Electron loads the renderer from file://, where path URLs have nothing to resolve against. */
export function createLedgerRouter(history: RouterHistory = createWebHashHistory()) {
  const router = createRouter({ history, routes });
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} - 帮扶台账` : '帮扶台账';
  });
  return router;
}
