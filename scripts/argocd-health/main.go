// Runs an Argo CD resource health check (Lua, as Argo CD's resource_customizations take it) with
// gopher-lua, the interpreter Argo CD embeds: the object, as JSON on standard input, becomes the
// global obj; the script's returned table is printed as "<status>\t<message>".
//
//	argocd-health health.lua < object.json
package main

import (
	"encoding/json"
	"fmt"
	"os"

	lua "github.com/yuin/gopher-lua"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: argocd-health <script.lua> < object.json")
		os.Exit(2)
	}
	var obj interface{}
	if err := json.NewDecoder(os.Stdin).Decode(&obj); err != nil {
		fmt.Fprintln(os.Stderr, "object:", err)
		os.Exit(2)
	}
	state := lua.NewState()
	defer state.Close()
	state.SetGlobal("obj", toLua(state, obj))
	if err := state.DoFile(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "script:", err)
		os.Exit(1)
	}
	result, ok := state.Get(-1).(*lua.LTable)
	if !ok {
		fmt.Fprintln(os.Stderr, "script: did not return a table")
		os.Exit(1)
	}
	fmt.Printf("%s\t%s\n", result.RawGetString("status").String(), result.RawGetString("message").String())
}

// toLua converts decoded JSON as Argo CD does: objects and arrays become tables (arrays 1-based).
func toLua(state *lua.LState, value interface{}) lua.LValue {
	switch v := value.(type) {
	case map[string]interface{}:
		table := state.NewTable()
		for key, item := range v {
			table.RawSetString(key, toLua(state, item))
		}
		return table
	case []interface{}:
		table := state.NewTable()
		for _, item := range v {
			table.Append(toLua(state, item))
		}
		return table
	case string:
		return lua.LString(v)
	case float64:
		return lua.LNumber(v)
	case bool:
		return lua.LBool(v)
	default:
		return lua.LNil
	}
}
