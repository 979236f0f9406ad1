/**
 * Small programs every image has, run "inside" a container by `docker exec` and by one-shot
 * `docker run … CMD`: echo, env, hostname, uname, id, sleep, hello-world's /hello, and the
 * `python3 -c` one-liners people use to check the GPU from a container (torch.cuda…). Other
 * simulated programs (nvidia-smi, ollama, …) are handed to docker by the program registry.
 */
import type { SimContainer } from '../../state.js';

export interface ContainerProcess {
  readonly container: SimContainer;
  readonly argv: readonly string[];
  readonly hasGpu: boolean;
  write(text: string): void;
  error(text: string): void;
}

export type Builtin = (process: ContainerProcess) => number;

const torchVersion = '2.9.0a0+50eac811a6.nv25.09';

const helloText = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (arm64v8)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

`;

/** `python3 -c` scripts: the values the common GPU checks print on a GB10. */
const pythonOneLiner: Builtin = (p) => {
  const script = p.argv[p.argv.indexOf('-c') + 1] ?? '';
  const prints = [...script.matchAll(/print\((.*?)\)\s*(?:;|$|\n)/g)].map((m) => m[1] ?? '');
  for (const expression of prints) {
    if (expression.includes('is_available')) p.write(`${p.hasGpu ? 'True' : 'False'}\n`);
    else if (expression.includes('get_device_name')) {
      if (!p.hasGpu) {
        p.error('RuntimeError: Found no NVIDIA driver on your system.\n');
        return 1;
      }
      p.write('NVIDIA GB10\n');
    } else if (expression.includes('device_count')) p.write(`${p.hasGpu ? 1 : 0}\n`);
    else if (expression.includes('get_device_capability')) p.write('(12, 1)\n');
    else if (expression.includes('__version__')) p.write(`${torchVersion}\n`);
    else if (/^(['"]).*\1$/.test(expression.trim())) p.write(`${expression.trim().slice(1, -1)}\n`);
  }
  return 0;
};

const envLines = (p: ContainerProcess) => [`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`, `HOSTNAME=${p.container.extras?.hostname ?? p.container.id.slice(0, 12)}`, ...p.container.env.filter((e) => !e.startsWith('PATH=')), 'HOME=/root'];

export const builtins: Readonly<Record<string, Builtin>> = {
  echo: (p) => {
    const args = p.argv.slice(1);
    const noNewline = args[0] === '-n';
    p.write(`${(noNewline ? args.slice(1) : args).join(' ')}${noNewline ? '' : '\n'}`);
    return 0;
  },
  true: () => 0,
  false: () => 1,
  hostname: (p) => {
    p.write(`${p.container.extras?.hostname ?? p.container.id.slice(0, 12)}\n`);
    return 0;
  },
  env: (p) => {
    p.write(`${envLines(p).join('\n')}\n`);
    return 0;
  },
  printenv: (p) => {
    const names = p.argv.slice(1);
    const lines = envLines(p);
    if (names.length === 0) {
      p.write(`${lines.join('\n')}\n`);
      return 0;
    }
    let found = 0;
    for (const name of names) {
      const line = lines.find((l) => l.startsWith(`${name}=`));
      if (line) {
        p.write(`${line.slice(name.length + 1)}\n`);
        found += 1;
      }
    }
    return found === names.length ? 0 : 1;
  },
  uname: (p) => {
    const flags = p.argv.slice(1).join('');
    p.write(flags.includes('m') && !flags.includes('a') ? 'aarch64\n' : flags.includes('a') ? `Linux ${p.container.id.slice(0, 12)} 6.17.0-1014-nvidia #14-Ubuntu SMP PREEMPT_DYNAMIC aarch64 aarch64 aarch64 GNU/Linux\n` : 'Linux\n');
    return 0;
  },
  nproc: (p) => {
    p.write('20\n');
    return 0;
  },
  id: (p) => {
    p.write('uid=0(root) gid=0(root) groups=0(root)\n');
    return 0;
  },
  whoami: (p) => {
    p.write('root\n');
    return 0;
  },
  pwd: (p) => {
    p.write(`${p.container.extras?.workingDir || '/'}\n`);
    return 0;
  },
  '/hello': (p) => {
    p.write(helloText);
    return 0;
  },
};

/** The builtin that runs argv (`/usr/bin/echo` is echo; python only for `-c` one-liners), if any. */
export const builtinFor = (argv: readonly string[]): Builtin | undefined => {
  const word = argv[0];
  if (word === undefined) return undefined;
  if (word === '/hello') return builtins['/hello'];
  const name = word.split('/').pop() ?? word;
  if (name === 'python3' || name === 'python') return argv.includes('-c') ? pythonOneLiner : undefined;
  return Object.hasOwn(builtins, name) && name !== '/hello' ? builtins[name] : undefined;
};
