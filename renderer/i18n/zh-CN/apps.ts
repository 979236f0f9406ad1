import type { Messages } from '../en.js';

/** 简体中文: the Apps page (keys as en/apps.ts). */
export const appsZhCN: Pick<Messages, 'apps' | 'ports'> = {
  apps: {
    oneClick: '一键应用',
  },
  ports: {
    title: '端口转发',
    explain: '把设备上的端口映射到本机 127.0.0.1。本机端口空闲时使用与设备相同的端口号，被占用时改用其他端口。连接恢复后隧道会自动恢复。',
    empty: '还没有转发任何端口。在下方添加，例如 JupyterLab 的 8888 或 DGX Dashboard 的 11000。',
    label: '名称',
    boxPort: '设备端口',
    localPort: '本机端口',
    url: '本机地址',
    state: '状态',
    connections: '连接数',
    traffic: '流量',
    ready: '就绪',
    waiting: '等待设备',
    moved: '本机端口 {{wanted}} 已被占用，因此改用此端口。',
    openBrowser: '在浏览器中打开',
    copy: '复制地址',
    close: '停止转发',
    forward: '转发',
    boxPortPlaceholder: '设备端口，例如 8888',
    localPortPlaceholder: '本机端口（可选）',
    labelPlaceholder: '名称（可选）',
    scan: '设备上有哪些端口在监听？',
    scanning: '正在查找…',
    scanNothing: '没有可再转发的端口：设备上监听的端口（sshd 除外）都已转发。',
    loopbackOnly: '（仅设备本地回环：隧道仍可访问）',
    badPort: '端口须为 1 到 65535 之间的整数。',
  },
};
