//go:build !unix

package plainfile

const nonBlock = 0
