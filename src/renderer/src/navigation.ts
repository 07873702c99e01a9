import type { Component } from 'vue';
import {
  AlarmClock, Connection, DataAnalysis, DocumentChecked, Download, EditPen, Files, Flag, HomeFilled, Medal, Notebook, Postcard, Rank, Setting, ShoppingCart, Timer, Trophy, User,
  UserFilled,
} from '@element-plus/icons-vue';

export interface NavItem {
  path: string;
  title: string;
  icon: Component;
  /** `data-test` value for end-to-end tests. */
  test: string;
  /** Sub-pages, shown as a sub-menu (帮扶 has several lists of its own). */
  children?: NavItem[];
  /** A group kept folded until the clerk opens it or one of its pages is shown (monthly work, not an everyday list). */
  folded?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/', title: '首页', icon: HomeFilled, test: 'nav-home' },
  { path: '/households', title: '农户档案', icon: Files, test: 'nav-households' },
  {
    path: '/assistance',
    title: '帮扶',
    icon: Connection,
    test: 'nav-assistance',
    children: [
      { path: '/assistance/cadres', title: '帮扶责任人', icon: UserFilled, test: 'nav-assistance-cadres' },
      { path: '/assistance/unpaired', title: '未结对农户', icon: User, test: 'nav-assistance-unpaired' },
      { path: '/assistance/visits-due', title: '应走访农户', icon: AlarmClock, test: 'nav-assistance-visits-due' },
      { path: '/assistance/assessment', title: '干部考核', icon: Medal, test: 'nav-assistance-assessment' },
      { path: '/assistance/cadence', title: '走访周期设置', icon: Timer, test: 'nav-assistance-cadence' },
    ],
  },
  {
    path: '/incentives',
    title: '积分与红黑榜',
    icon: Trophy,
    test: 'nav-incentives',
    folded: true,
    children: [
      { path: '/incentives/evaluation', title: '积分评议', icon: EditPen, test: 'nav-incentives-evaluation' },
      { path: '/incentives/points', title: '积分台账与排名', icon: Rank, test: 'nav-incentives-points' },
      { path: '/incentives/shop', title: '爱心超市', icon: ShoppingCart, test: 'nav-incentives-shop' },
      { path: '/incentives/lists', title: '红黑榜', icon: Flag, test: 'nav-incentives-lists' },
    ],
  },
  { path: '/cards', title: '联系卡', icon: Postcard, test: 'nav-cards' },
  { path: '/reports', title: '月报', icon: DataAnalysis, test: 'nav-reports' },
  { path: '/quality', title: '数据检查', icon: DocumentChecked, test: 'nav-quality' },
  { path: '/settings', title: '设置', icon: Setting, test: 'nav-settings' },
  { path: '/audit', title: '操作日志', icon: Notebook, test: 'nav-audit' },
  { path: '/exports', title: '导出登记', icon: Download, test: 'nav-exports' },
];

/** Items that open a page: sub-pages rather than the group that holds them. */
function pages(items: readonly NavItem[]): NavItem[] {
  return items.flatMap((n) => (n.children ? pages(n.children) : [n]));
}

/** The nav item a route belongs to: `/households/12` highlights 农户档案, `/assistance/unpaired` 未结对农户. */
export function navPathFor(routePath: string): string {
  const match = pages(NAV_ITEMS)
    .filter((n) => n.path !== '/' && (routePath === n.path || routePath.startsWith(`${n.path}/`)))
    .sort((a, b) => b.path.length - a.path.length);
  return match[0]?.path ?? '/';
}

/** Groups open from the start: their sub-pages are the everyday lists. */
export const OPEN_NAV_GROUPS = NAV_ITEMS.filter((n) => n.children && !n.folded).map((n) => n.path);

/** The group holding a page, when the page is in a sub-menu. */
export function navGroupOf(pagePath: string): string | null {
  return NAV_ITEMS.find((n) => n.children?.some((c) => c.path === pagePath))?.path ?? null;
}
