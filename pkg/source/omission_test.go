package source

import (
	"testing"

	"github.com/igf-records/igf/pkg/core/record"
)

func TestRegistryProblem(t *testing.T) {
	l := &Loaded{Set: record.NewSet(nil), Findings: []record.Finding{
		record.At("records/registry.md", record.Pos{Line: 4, Col: 3}, "yaml", "invalid YAML", ""),
	}}
	if o := l.RegistryProblem(); o == nil || o.Path != "records/registry.md" || o.Line != 4 {
		t.Fatalf("an unreadable registry: %+v", o)
	}
	l = &Loaded{Set: record.NewSet(nil)}
	if o := l.RegistryProblem(); o == nil || o.Rule != "no-registry" {
		t.Fatalf("no registry at all: %+v", o)
	}
	l = &Loaded{Set: record.NewSet([]*record.Record{{Path: "records/registry.md", Registry: &record.Registry{}}})}
	if o := l.RegistryProblem(); o != nil {
		t.Fatalf("a registry read: %+v", o)
	}
}
