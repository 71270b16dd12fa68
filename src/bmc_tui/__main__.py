from bmc_tui.launcher import main

main()
