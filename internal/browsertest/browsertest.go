// Package browsertest finds the real tools that tests check igf's pages and
// charts with — headless Chromium, the Mermaid CLI, the Nu Html Checker —
// so a test can use them when they are installed and skip, saying why, when
// they are not. .ci/run installs them: Chromium from Debian, the Mermaid CLI
// and the checker from npm into ToolsDir.
package browsertest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Flags are what headless Chromium needs on a closed network as root: no
// sandbox (root), no GPU, and none of the background fetches (QUIC, sync,
// component updates) that otherwise stall it. Each run gets a fresh
// --user-data-dir on top of these.
var Flags = []string{
	"--headless", "--disable-gpu", "--no-sandbox", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
}

// ToolsDir is where .ci/run installs the npm tools: the Mermaid CLI and the
// Nu Html Checker.
func ToolsDir() string {
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" {
		home, _ := os.UserHomeDir()
		base = filepath.Join(home, ".cache")
	}
	return filepath.Join(base, "igf-ci")
}

// Chromium is the path of a Chromium or Chrome binary: $IGF_CHROMIUM, or the
// first of chromium, chromium-browser, google-chrome on PATH.
func Chromium() (string, error) {
	if p := os.Getenv("IGF_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found (set IGF_CHROMIUM, or apt-get install chromium as .ci/run does)")
}

// NodeTool finds an npm tool's command: on PATH, or in ToolsDir.
func NodeTool(name, pkg string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	p := filepath.Join(ToolsDir(), "node_modules", ".bin", name)
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("no %s found on PATH or in %s (npm install --prefix %s %s, as .ci/run does)", name, ToolsDir(), ToolsDir(), pkg)
}

// VNUJar finds the Nu Html Checker's jar and a java to run it:
// $IGF_VNU_JAR, or the npm package vnu-jar in ToolsDir.
func VNUJar() (java, jar string, err error) {
	java, err = exec.LookPath("java")
	if err != nil {
		return "", "", errors.New("no java found (apt-get install default-jre-headless, as .ci/run does)")
	}
	jar = os.Getenv("IGF_VNU_JAR")
	if jar == "" {
		jar = filepath.Join(ToolsDir(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	}
	if _, err := os.Stat(jar); err != nil {
		return "", "", fmt.Errorf("no Nu Html Checker at %s (set IGF_VNU_JAR, or npm install --prefix %s vnu-jar, as .ci/run does)", jar, ToolsDir())
	}
	return java, jar, nil
}
