package api

// weightRoutes lists the routes of weight sets and expert judgments.
func (s *Server) weightRoutes() []Route { return nil }
