import CTIConsole

await CTI.start()
