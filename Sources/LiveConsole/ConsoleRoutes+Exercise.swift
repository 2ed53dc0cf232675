import Hummingbird
import StrictJSON

/// The instructor's controls, in a demo: pause, resume, speed. Logged-in operators only, like a release.
extension ConsoleRoutes {
    func addExerciseRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/exercise") { request, _ in
            if case .failure(let refusal) = guardChange(request) { return refusal.response }
            guard let exercise else { return Reply.problem(.notFound, "this gateway runs no exercise") }
            guard let body = await Self.body(request), let action = body["action"]?.stringValue else {
                return Reply.problem(.badRequest, "expected {\"action\": \"pause\" | \"resume\" | \"speed\"}")
            }
            switch action {
            case "pause": await exercise.pause()
            case "resume": await exercise.resume()
            case "speed":
                guard let speed = body["speed"]?.doubleValue else {
                    return Reply.problem(.badRequest, "expected a number in \"speed\"")
                }
                do {
                    try await exercise.setSpeed(speed)
                } catch {
                    return Reply.problem(.badRequest, "\(error)")
                }
            default:
                return Reply.problem(.badRequest, "unknown action '\(action)': pause, resume or speed")
            }
            return Reply.json(await exercise.status())
        }
    }
}
