/**
 * The SSH half of the demo world: {@link dev.ec2migrator.demo.ssh.SshHostSimulator}, an embedded
 * MINA SSHD on 127.0.0.1 whose SSH user name selects a simulated host.
 *
 * <p>A camel-ssh endpoint reaches a host with {@code
 * ssh:127.0.0.1:<port>?username=<host>&certResource=file:<key>} where {@code <key>} was written by
 * {@link dev.ec2migrator.demo.ssh.SshHostSimulator#writeClientPrivateKey}; add {@code
 * &knownHostsResource=file:<known_hosts>&failOnUnknownHost=true} with a file from {@link
 * dev.ec2migrator.demo.ssh.SshHostSimulator#writeKnownHosts} for strict host-key checking.
 *
 * <p>Exec requests run in a small shell interpreter ({@code ShellLexer}, {@code ShellParser},
 * {@code ShellInterpreter}) that knows the commands of the migrator's quiesce and thaw lines and a
 * least-privilege sudoers rule ({@code SudoPolicy}).
 */
package dev.ec2migrator.demo.ssh;
