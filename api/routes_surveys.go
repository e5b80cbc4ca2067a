package api

// surveyRoutes lists the routes of surveys and their responses.
func (s *Server) surveyRoutes() []Route { return nil }
