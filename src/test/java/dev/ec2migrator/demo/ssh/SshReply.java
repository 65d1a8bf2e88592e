package dev.ec2migrator.demo.ssh;

/**
 * What the camel-ssh producer returned: body, {@code CamelSshStderr}, {@code CamelSshExitValue}.
 */
record SshReply(String stdout, String stderr, Integer exitValue) {}
