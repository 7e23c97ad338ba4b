//go:build unix

package plainfile

import "syscall"

const nonBlock = syscall.O_NONBLOCK
