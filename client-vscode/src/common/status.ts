/**
 * The status-bar item: starting / ready / error; a click shows the log.
 */

import { COMMANDS } from './constants';
import { createStatusBarItem, themeColor, type StatusBarItem } from './vscodeapi';

export type ServerState = 'starting' | 'ready' | 'error' | 'stopped';

export class ServerStatus {
    private readonly item: StatusBarItem;
    state: ServerState = 'stopped';

    constructor() {
        this.item = createStatusBarItem('pygloss.status', 100);
        this.item.name = 'pygloss';
        this.item.command = COMMANDS.showOutput;
    }

    set(state: ServerState, detail: string): void {
        this.state = state;
        const icon = { starting: '$(sync~spin)', ready: '$(book)', error: '$(error)', stopped: '$(circle-slash)' }[state];
        this.item.text = `${icon} pygloss`;
        this.item.tooltip = `pygloss: ${state}. ${detail}\nClick to show the log.`;
        this.item.backgroundColor = state === 'error' ? themeColor('statusBarItem.errorBackground') : undefined;
        this.item.show();
    }

    dispose(): void {
        this.item.dispose();
    }
}
