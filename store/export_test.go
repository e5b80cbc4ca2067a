package store

// ReportFileQuery exposes reportFileQuery to the tests.
var ReportFileQuery = reportFileQuery
