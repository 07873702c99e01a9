import type { Component } from 'vue';
import { Connection, DataAnalysis, DocumentChecked, Files, HomeFilled, Notebook, Postcard, Setting, Trophy } from '@element-plus/icons-vue';

export interface NavItem {
  path: string;
  title: string;
  icon: Component;
  /** `data-test` value for end-to-end tests. */
  test: string;
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/', title: '首页', icon: HomeFilled, test: 'nav-home' },
  { path: '/households', title: '农户档案', icon: Files, test: 'nav-households' },
  { path: '/assistance', title: '帮扶', icon: Connection, test: 'nav-assistance' },
  { path: '/incentives', title: '红黑榜', icon: Trophy, test: 'nav-incentives' },
  { path: '/cards', title: '联系卡', icon: Postcard, test: 'nav-cards' },
  { path: '/reports', title: '月报', icon: DataAnalysis, test: 'nav-reports' },
  { path: '/quality', title: '数据检查', icon: DocumentChecked, test: 'nav-quality' },
  { path: '/settings', title: '设置', icon: Setting, test: 'nav-settings' },
  { path: '/audit', title: '操作日志', icon: Notebook, test: 'nav-audit' },
];

/** The nav item a route belongs to: `/households/12` highlights 农户档案. */
export function navPathFor(routePath: string): string {
  const match = NAV_ITEMS.filter((n) => n.path !== '/' && (routePath === n.path || routePath.startsWith(`${n.path}/`)));
  return match[0]?.path ?? '/';
}
