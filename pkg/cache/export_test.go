package cache

import "time"

// SetRacyWindow lets tests make every file old enough to trust by stat.
func SetRacyWindow(d time.Duration) func() {
	old := racyWindow
	racyWindow = d
	return func() { racyWindow = old }
}
