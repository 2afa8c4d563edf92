/** A deploy.yml whose one step prints `line 1` … `line N`, one every 0.1 s: a log to watch live. */
export function slowLogDeployYml(lines: number): string {
  return `environments:
  production:
    branch: main
    backend: { provider: command, run: 'for i in $(seq 1 ${lines}); do echo "line $i"; sleep 0.1; done' }
`;
}
