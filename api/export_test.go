package api

import "time"

// SetUploadIdle sets how long an upload may pause, for a test; it returns the undo.
func SetUploadIdle(d time.Duration) func() {
	old := uploadIdle
	uploadIdle = d
	return func() { uploadIdle = old }
}
